#pragma once
// Shared by the fuzz targets: the input as the types the parsers take.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace mra::fuzz {

inline std::vector<std::uint8_t> bytes(const std::uint8_t* data, std::size_t size) {
    return std::vector<std::uint8_t>(data, data + size);
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace mra::fuzz
