#include "cli/shard.hpp"

#include <charconv>

#include "util/input_error.hpp"

namespace mra::cli {
namespace {

std::uint32_t number(const std::string& text) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return 0;
    return value;
}

// FNV-1a (64 bit): the same on every host and build, which std::hash does not promise.
std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

}  // namespace

Shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    const Shard shard{slash == std::string::npos ? 0 : number(text.substr(0, slash)),
                      slash == std::string::npos ? 0 : number(text.substr(slash + 1))};
    if (shard.index < 1 || shard.count > 10000 || shard.index > shard.count)
        throw InputError("--shard: '" + text + "' is not I/N with 1 <= I <= N (e.g. --shard 2/3)");
    return shard;
}

bool in_shard(const std::string& name, const Shard& shard) {
    return fnv1a(name) % shard.count == shard.index - 1;
}

}  // namespace mra::cli
