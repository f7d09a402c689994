-- Shared by heartbeat.lua and sweep.lua. One workspace, all keys in its hash slot:
--   KEYS[1] users:   hash, user -> "online_until status last_seen" (ms, status code, ms)
--   KEYS[2] devices: hash, user -> "device expiry status device expiry status ..."
--   KEYS[3] online:  sorted set, score 0, users not yet swept offline, in user id order
--   KEYS[4] due:     sorted set, users by their earliest device expiry: what the sweep looks at
-- Status codes are the contract's: 1 online, 2 busy, 3 away, 4 offline; the lowest wins.
-- What changed for watchers is collected in changes, "kind user status at" each, and returned: the
-- client publishes it, as ElastiCache may refuse PUBLISH inside a script.
local OFFLINE = 4
local changes = {}

-- The user's devices whose expiry is still ahead of now, and how many there are.
local function live_devices(user, now)
  local devices, count = {}, 0
  local raw = redis.call('HGET', KEYS[2], user)
  if raw then
    for device, expiry, status in string.gmatch(raw, '(%S+) (%d+) (%d+)') do
      if tonumber(expiry) > now then
        devices[device] = {tonumber(expiry), tonumber(status)}
        count = count + 1
      end
    end
  end
  return devices, count
end

-- Stores the user's live devices and notes, on the same atomic step, what changed for watchers.
-- seen is the new last-seen time, or nil to keep the old one. Returns online_until, status, seen.
local function settle(user, devices, now, seen)
  local old = redis.call('HGET', KEYS[1], user)
  local old_until, old_status, old_seen = 0, OFFLINE, 0
  if old then
    local u, s, l = string.match(old, '(%d+) (%d+) (%d+)')
    old_until, old_status, old_seen = tonumber(u), tonumber(s), tonumber(l)
  end
  seen = seen or old_seen
  if old_status ~= OFFLINE and old_until <= now then
    -- Lapsed before a sweep saw it: the user went offline when the last device lapsed.
    changes[#changes + 1] = string.format('offline %s %d %d', user, OFFLINE, old_until)
    old_status = OFFLINE
  end
  local online_until, status, due, encoded = 0, OFFLINE, nil, {}
  for device, d in pairs(devices) do
    online_until = math.max(online_until, d[1])
    status = math.min(status, d[2])
    due = math.min(due or d[1], d[1])
    encoded[#encoded + 1] = string.format('%s %d %d', device, d[1], d[2])
  end
  if status == OFFLINE then
    redis.call('HDEL', KEYS[2], user)
    redis.call('ZREM', KEYS[3], user)
    redis.call('ZREM', KEYS[4], user)
    if old then
      redis.call('HSET', KEYS[1], user, string.format('%d %d %d', old_until, OFFLINE, seen))
    end
    return old_until, OFFLINE, seen
  end
  redis.call('HSET', KEYS[2], user, table.concat(encoded, ' '))
  redis.call('HSET', KEYS[1], user, string.format('%d %d %d', online_until, status, seen))
  redis.call('ZADD', KEYS[3], 0, user)
  redis.call('ZADD', KEYS[4], due, user)
  if old_status == OFFLINE then
    changes[#changes + 1] = string.format('online %s %d %d', user, status, now)
  elseif old_status ~= status then
    changes[#changes + 1] = string.format('status %s %d %d', user, status, now)
  end
  return online_until, status, seen
end

-- The script's reply: its own values, then the changes in the order they were made.
local function with_changes(reply)
  for _, change in ipairs(changes) do
    reply[#reply + 1] = change
  end
  return reply
end
