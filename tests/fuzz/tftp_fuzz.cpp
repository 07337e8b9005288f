// The TFTP-over-HTTP files (device .cnf.xml, SPDefault, jabber-config, dial rules): well-formedness.
#include "fuzz.hpp"
#include "probe/http/xml_responses.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)mra::probe::http::xml_error(mra::fuzz::text(data, size));
    return 0;
}
