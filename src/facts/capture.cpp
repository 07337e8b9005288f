#include "facts/capture.hpp"

#include <fstream>
#include <sstream>

#include "facts/json.hpp"
#include "util/atomic_file.hpp"
#include "util/input_error.hpp"

namespace mra::facts {
namespace {

constexpr const char* schema = "mra-preflight/capture/v1";

}  // namespace

void write_capture(const std::string& path, const Capture& capture) {
    const nlohmann::json document = {
        {"schema", schema},
        {"tool", {{"name", "mra-preflight"}, {"version", MRA_VERSION}}},
        {"command", capture.command},
        {"profile", capture.profile},
        {"started_at_ms", capture.started_at_ms},
        {"duration_ms", capture.duration_ms},
        {"facts", to_json(capture.facts)},
    };
    write_file_atomically(path, document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", 0600);
}

Capture read_capture(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot read capture " + path);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        throw InputError("capture " + path + " is not JSON: " + error.what());
    }
    if (!document.is_object() || document.value("schema", "") != schema)
        throw InputError("capture " + path + " is not an " + std::string(schema) + " capture");
    try {
        return {document.at("command").get<std::string>(), document.at("profile").get<std::string>(),
                document.at("started_at_ms").get<std::int64_t>(), document.at("duration_ms").get<std::int64_t>(),
                facts_from_json(document.at("facts"))};
    } catch (const nlohmann::json::exception& error) {
        throw InputError("capture " + path + ": " + error.what());
    }
}

}  // namespace mra::facts
