// Capture files (`replay FILE`): the JSON document and facts_from_json, as read_capture does it.
#include <nlohmann/json.hpp>

#include "facts/json.hpp"
#include "fuzz.hpp"
#include "util/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
    if (document.is_discarded()) return 0;
    try {
        // read_capture hands it `facts`; the whole document is tried too, for shallower seeds.
        if (document.is_object() && document.contains("facts")) (void)mra::facts::facts_from_json(document["facts"]);
        (void)mra::facts::facts_from_json(document);
    } catch (const mra::InputError&) {
    } catch (const nlohmann::json::exception&) {
        // read_capture turns these into InputError
    }
    return 0;
}
