// read_request (PKCS#10 PEM or DER) and describe() of the request.
#include "fuzz.hpp"
#include "x509/describe.hpp"
#include "x509/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)mra::x509::describe(mra::x509::read_request(mra::fuzz::bytes(data, size), "fuzz"));
    } catch (const mra::InputError&) {
    }
    return 0;
}
