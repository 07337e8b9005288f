#pragma once
// `--shard I/N`: a stable slice of a fleet, so that several hosts (cron on each, or a Kubernetes
// indexed Job with I = JOB_COMPLETION_INDEX + 1) together run every target exactly once.

#include <cstdint>
#include <string>

namespace mra::cli {

struct Shard {
    std::uint32_t index = 1;  // 1-based, as `--shard 1/3` reads
    std::uint32_t count = 1;
};

// InputError unless "I/N" with 1 ≤ I ≤ N ≤ 10000.
Shard parse_shard(const std::string& text);

// Whether the target named `name` belongs to `shard`. It depends on the name alone (a hash, not
// the position in the file), so adding or reordering targets never moves the others.
bool in_shard(const std::string& name, const Shard& shard);

}  // namespace mra::cli
