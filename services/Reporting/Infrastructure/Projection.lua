-- Applies one complaint snapshot to the read model in a single round trip (ProjectionStore).
-- KEYS[1] generation pointer, KEYS[2] rebuild-in-progress pointer, KEYS[3] changes channel.
-- ARGV[1] key prefix, ARGV[2] complaint id (N), ARGV[3] version, ARGV[4] new contribution,
-- ARGV[5] state JSON, ARGV[6] a generation's keyspace to apply to alone ('' = the live one, and the one being built).
-- The highest version wins: a snapshot not newer than the stored one changes nothing, which is what makes a
-- redelivered or reordered event harmless. The diff is ContributionDiff.Between's rule: the old snapshot's counters
-- down, the new one's up, netted; ranks replaced; child sets only grow.
local prefix, id, version, contribution = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]

local function entries(text, each)
  for line in string.gmatch(text, '[^\n]+') do
    local a = string.find(line, '\t', 1, true)
    local b = string.find(line, '\t', a + 1, true)
    each(string.sub(line, 1, a - 1), string.sub(line, a + 1, b - 1), string.sub(line, b + 1))
  end
end

local function apply(ks)
  local key = ks .. 'c:' .. id
  local stored = redis.call('HMGET', key, 'version', 'contribution')
  if tonumber(stored[1] or '0') >= version then return 0 end

  local deltas, order, oldRanks, newRanks, rankOrder, oldMembers, newMembers = {}, {}, {}, {}, {}, {}, {}
  local function count(k, f, d)
    local c = k .. '\t' .. f
    if deltas[c] == nil then deltas[c] = 0; order[#order + 1] = { k, f, c } end
    deltas[c] = deltas[c] + d
  end
  entries(stored[2] or '', function(kind, k, v)
    if kind == 'h' then count(k, v, -1)
    elseif kind == 'z' then oldRanks[k] = v
    elseif kind == 's' then oldMembers[k .. '\t' .. v] = true end
  end)
  entries(contribution, function(kind, k, v)
    if kind == 'h' then count(k, v, 1)
    elseif kind == 'z' then newRanks[k] = v; rankOrder[#rankOrder + 1] = k
    elseif kind == 's' then newMembers[#newMembers + 1] = { k, v } end
  end)

  for _, c in ipairs(order) do
    local d = deltas[c[3]]
    if d ~= 0 and redis.call('HINCRBY', ks .. c[1], c[2], d) == 0 then redis.call('HDEL', ks .. c[1], c[2]) end
  end
  for k in pairs(oldRanks) do
    if newRanks[k] == nil then redis.call('ZREM', ks .. k, id) end
  end
  for _, k in ipairs(rankOrder) do
    if oldRanks[k] == nil or tonumber(oldRanks[k]) ~= tonumber(newRanks[k]) then redis.call('ZADD', ks .. k, newRanks[k], id) end
  end
  for _, m in ipairs(newMembers) do
    if not oldMembers[m[1] .. '\t' .. m[2]] then redis.call('SADD', ks .. m[1], m[2]) end
  end

  redis.call('HSET', key, 'version', ARGV[3], 'contribution', contribution, 'state', ARGV[5])
  redis.call('INCR', ks .. 'version')
  redis.call('PUBLISH', KEYS[3], ks)
  return 1
end

if ARGV[6] ~= '' then return apply(ARGV[6]) end
-- Read in the script, so a rebuild's swap cannot fall between reading the pointers and applying.
local live = redis.call('GET', KEYS[1]) or '0'
local building = redis.call('GET', KEYS[2])
if building then apply(prefix .. 'g' .. building .. ':') end
return apply(prefix .. 'g' .. live .. ':')
