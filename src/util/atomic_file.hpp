#pragma once
#include <string>
#include <string_view>

namespace mra {

// Writes `content` to `path` through a temporary file in the same directory and a rename, so that
// readers see the old file or the whole new one, never a part. InputError when it cannot.
void write_file_atomically(const std::string& path, std::string_view content, unsigned mode = 0644);

}  // namespace mra
