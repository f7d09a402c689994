-- KEYS[1]: one rate-limit key's count in its current window. ARGV: limit, cost, window_ms.
-- A window opens with the first allowed call and closes window_ms later (the key's TTL).
-- Returns {allowed (1 or 0), remaining, retry_after_ms, reset_after_ms}; a denied call counts nothing.
local limit, cost = tonumber(ARGV[1]), tonumber(ARGV[2])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + cost > limit then
  local reset = redis.call('PTTL', KEYS[1])
  return {0, math.max(limit - used, 0), reset, reset}
end
used = redis.call('INCRBY', KEYS[1], cost)
if used == cost then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {1, limit - used, 0, redis.call('PTTL', KEYS[1])}
