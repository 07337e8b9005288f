#pragma once
// Facts to and from JSON, for --save-capture and `replay` (captures are also the fixtures of check
// tests: tests/checks/capture_replay_test.cpp). Every struct of src/facts round-trips exactly.

#include <nlohmann/json.hpp>

#include "facts/facts.hpp"

namespace mra::facts {

nlohmann::json to_json(const Facts& facts);
// InputError (naming the field) when the document is not a capture of this version.
Facts facts_from_json(const nlohmann::json& document);

}  // namespace mra::facts
