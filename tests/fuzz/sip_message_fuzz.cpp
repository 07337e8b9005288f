// parse_message (oSIP) on any bytes, and match() of what parsed against an OPTIONS we sent.
#include "fuzz.hpp"
#include "probe/sip/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace sip = mra::probe::sip;
    static const sip::Request request = [] {
        sip::Request r;
        r.method = "OPTIONS";
        r.call_id = "fuzz@192.0.2.10";
        r.cseq = 1;
        r.branch = "z9hG4bKfuzz";
        return r;
    }();
    const auto parsed = sip::parse_message(mra::fuzz::text(data, size));
    if (parsed.ok()) (void)sip::match(request, parsed.message);
    return 0;
}
