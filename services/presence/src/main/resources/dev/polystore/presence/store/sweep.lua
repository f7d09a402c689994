-- Settles up to ARGV[2] users whose earliest device expiry is at or before now (ARGV[1]). Atomic, so
-- of several instances sweeping at once exactly one sees each lapse. Returns {settled, change...}:
-- how many users it settled, and each lapse to publish; an empty workspace is only read.
local now = tonumber(ARGV[1])
local users = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, user in ipairs(users) do
  settle(user, live_devices(user, now), now, nil)
end
return with_changes({#users})
