#pragma once
// Everything one evaluation knows: what was asked and what came back. Checks read only this.

#include <cstdint>
#include <string>

#include "facts/certificate_inputs.hpp"

namespace mra::facts {

struct Facts {
    std::string target;             // the domain of a run, or the certificate file of `cert`
    std::int64_t evaluated_at = 0;  // the "now" of every time-dependent judgement (--at), Unix seconds
    CertificateInputs certificates;
};

}  // namespace mra::facts
