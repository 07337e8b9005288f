// read_private_key (PKCS#8 / traditional, PEM or DER) and describe() of the key.
#include "fuzz.hpp"
#include "x509/describe.hpp"
#include "x509/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto key = mra::x509::read_private_key(mra::fuzz::bytes(data, size), "fuzz");
        if (key) (void)mra::x509::describe(*key);
    } catch (const mra::InputError&) {
    }
    return 0;
}
