-- Heartbeat of one device. ARGV: now_ms, user, device, status, ttl_ms, max_devices, retention_ms.
-- Returns {0} when the user already has max_devices other live devices (nothing written), else
-- {1, online_until, status, last_seen, change...}.
local now, user, device = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local devices, count = live_devices(user, now)
if not devices[device] and count >= tonumber(ARGV[6]) then
  return {0}
end
devices[device] = {now + tonumber(ARGV[5]), tonumber(ARGV[4])}
local online_until, status, seen = settle(user, devices, now, now)
-- The workspace's state, last-seen times included, goes away after retention_ms without heartbeats.
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ARGV[7])
end
return with_changes({1, online_until, status, seen})
