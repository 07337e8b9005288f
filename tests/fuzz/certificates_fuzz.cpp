// read_certificates (PEM bundles, DER) and describe(), which decodes the SAN otherNames, every
// extension and the key of each certificate Botan accepted.
#include "fuzz.hpp"
#include "x509/describe.hpp"
#include "x509/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        for (const auto& cert : mra::x509::read_certificates(mra::fuzz::bytes(data, size), "fuzz"))
            (void)mra::x509::describe(cert);
    } catch (const mra::InputError&) {
        // expected for bad input; anything else escapes and is a finding
    }
    return 0;
}
