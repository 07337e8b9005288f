#pragma once
// A fleet file (`run --targets FILE.toml`): many deployments, each with its own options.
//
//   [defaults]                    # optional: options every target starts from
//   resolver = "8.8.8.8"
//   timeout = 30
//
//   [[target]]
//   name = "acme"                 # optional, default the domain: names the target's report files
//   domain = "acme.example"
//   internal-resolver = "10.0.0.53"
//   user = "mra.test"
//   password-file = "acme.password"   # or password-env = "ACME_PASSWORD"; never the password itself
//
// Keys are `run`'s option names (`_` may stand for `-`). Relative paths are relative to the file.

#include <string>
#include <vector>

namespace mra::cli {

struct FleetTarget {
    std::string name;                    // unique in the file; a safe file name
    std::vector<std::string> arguments;  // the target's options as `run` arguments, domain first
};

// InputError naming the file, and the line where toml++ knows it, for anything not understood.
std::vector<FleetTarget> read_targets(const std::string& path);

}  // namespace mra::cli
