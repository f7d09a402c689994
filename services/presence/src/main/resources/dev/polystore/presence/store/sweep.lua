-- Settles up to ARGV[2] users whose earliest device expiry is at or before now (ARGV[1]), publishing
-- each lapse on channel ARGV[3]. Atomic, so of several instances sweeping at once exactly one sees
-- each lapse. Returns how many users it settled; an empty workspace is only read.
local now = tonumber(ARGV[1])
local users = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, user in ipairs(users) do
  settle(user, live_devices(user, now), now, nil, ARGV[3])
end
return #users
