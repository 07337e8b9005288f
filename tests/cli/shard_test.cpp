#include "cli/shard.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "util/input_error.hpp"

TEST_CASE("shard: I/N with 1 <= I <= N, anything else refused") {
    const auto shard = mra::cli::parse_shard("2/3");
    CHECK(shard.index == 2);
    CHECK(shard.count == 3);
    for (const char* bad : {"0/3", "4/3", "3", "/3", "1/", "a/b", "1/0", "-1/3", "1/3x", "1/20000"})
        CHECK_THROWS_AS(mra::cli::parse_shard(bad), mra::InputError);
}

TEST_CASE("shard: every target in exactly one slice, by its name alone") {
    std::vector<std::string> names;
    for (int i = 0; i < 300; ++i) names.push_back("customer-" + std::to_string(i) + ".example");
    for (std::uint32_t count : {1u, 2u, 3u, 7u}) {
        std::multiset<std::string> seen;
        std::vector<std::size_t> sizes;
        for (std::uint32_t index = 1; index <= count; ++index) {
            std::size_t size = 0;
            for (const auto& name : names)
                if (mra::cli::in_shard(name, {index, count})) {
                    seen.insert(name);
                    ++size;
                }
            sizes.push_back(size);
        }
        CHECK(seen.size() == names.size());
        CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == names.size());
        for (const auto size : sizes) CHECK(size > names.size() / count / 2);  // roughly even
    }
    // The same slice on every host and build: FNV-1a of the name, pinned here.
    CHECK(mra::cli::in_shard("example.com", {1 + static_cast<std::uint32_t>(0x576846634e2714c6ULL % 5), 5}));
}
