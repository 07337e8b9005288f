// The raw SubjectAltName decoder (otherName SRVName / XmppAddr included), on extension values.
#include "fuzz.hpp"
#include "util/input_error.hpp"
#include "x509/subject_alt_name.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)mra::x509::decode_subject_alt_name(mra::fuzz::bytes(data, size));
    } catch (const mra::InputError&) {
    }
    return 0;
}
