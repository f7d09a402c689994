-- KEYS[1]: a room's typing marks, a sorted set of users by expiry. ARGV: now_ms, user, expiry_ms
-- (empty to stop typing), key_ttl_ms. Lapsed marks are dropped first, so the set stays small.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[1], ARGV[2])
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
