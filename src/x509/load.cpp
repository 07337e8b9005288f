#include "x509/load.hpp"

#include <botan/asn1_obj.h>
#include <botan/base64.h>
#include <botan/ber_dec.h>
#include <botan/data_src.h>
#include <botan/pem.h>
#include <botan/pk_algs.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "x509/cache.hpp"
#include "x509/rendition.hpp"

namespace mra::x509 {

namespace {

// ---- messages -------------------------------------------------------------------------------

// InputError promises one line; Botan's own messages occasionally carry a newline.
[[noreturn]] void fail(const std::string& message) {
    std::string line = message;
    std::replace(line.begin(), line.end(), '\n', ' ');
    std::replace(line.begin(), line.end(), '\r', ' ');
    throw InputError(line);
}

std::string with_article(const std::string& noun) {
    const bool vowel = !noun.empty() && std::string_view("AEIOUaeiou").find(noun.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + noun;
}

// What the caller expects, for messages such as "… holds a PRIVATE KEY, not a certificate".
struct Expected {
    const char* noun;                      // "certificate"
    std::vector<std::string_view> labels;  // RFC 7468 labels that hold it
};

const Expected certificate_kind{"certificate", {"CERTIFICATE", "X509 CERTIFICATE"}};
const Expected private_key_kind{"private key",
                                {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}};
const Expected request_kind{"certificate request", {"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"}};

// ---- what the bytes are, before any decoding ------------------------------------------------

bool starts_with(const std::vector<std::uint8_t>& bytes, std::string_view magic) {
    return bytes.size() >= magic.size() &&
           std::equal(magic.begin(), magic.end(), bytes.begin(),
                      [](char m, std::uint8_t b) { return static_cast<std::uint8_t>(m) == b; });
}

// Files that people attach by mistake (a screenshot of the certificate, an archive from the CA).
std::optional<std::string> foreign_format(const std::vector<std::uint8_t>& bytes) {
    static const std::array<std::pair<std::string_view, const char*>, 9> magics{{
        {std::string_view("\x89PNG\r\n\x1a\n", 8), "a PNG image"},
        {std::string_view("\xff\xd8\xff", 3), "a JPEG image"},
        {"GIF87a", "a GIF image"},
        {"GIF89a", "a GIF image"},
        {std::string_view("\x1f\x8b", 2), "a gzip archive"},
        {std::string_view("PK\x03\x04", 4), "a zip archive"},
        {std::string_view("PK\x05\x06", 4), "a zip archive"},
        {"%PDF-", "a PDF document"},
        {"{\\rtf", "an RTF document"},
    }};
    for (const auto& [magic, what] : magics) {
        if (starts_with(bytes, magic)) {
            return what;
        }
    }
    return std::nullopt;
}

void reject_empty_or_foreign(const std::vector<std::uint8_t>& bytes, const std::string& source, const Expected& kind) {
    const bool blank = std::all_of(bytes.begin(), bytes.end(),
                                   [](std::uint8_t b) { return b == ' ' || b == '\t' || b == '\r' || b == '\n'; });
    if (blank) {
        fail(source + " is empty");
    }
    if (const auto what = foreign_format(bytes)) {
        fail(source + " looks like " + *what + ", not " + with_article(kind.noun));
    }
}

// ---- PEM (RFC 7468) -------------------------------------------------------------------------

struct PemBlock {
    std::size_t number = 0;  // 1-based position in the file, for messages
    std::string label;
    std::string body;        // base64 text, headers removed
    bool encrypted = false;  // RFC 1421 "Proc-Type: 4,ENCRYPTED" (traditional OpenSSL keys)
};

constexpr std::string_view begin_marker = "-----BEGIN ";
constexpr std::string_view end_marker = "-----END ";
constexpr std::string_view dashes = "-----";

bool is_pem(const std::vector<std::uint8_t>& bytes) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return text.find(begin_marker) != std::string_view::npos;
}

std::string_view trim(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
        line.remove_prefix(1);
    }
    return line;
}

// The label of a "-----BEGIN X-----" / "-----END X-----" line, or nullopt.
std::optional<std::string> marker_label(std::string_view line, std::string_view marker) {
    if (!line.starts_with(marker) || !line.ends_with(dashes) || line.size() < marker.size() + dashes.size()) {
        return std::nullopt;
    }
    return std::string(line.substr(marker.size(), line.size() - marker.size() - dashes.size()));
}

// Every PEM block, in file order. Text outside blocks (an `openssl x509 -text` dump, "Bag
// Attributes" from a PKCS#12 export) is ignored as RFC 7468 §2 allows.
std::vector<PemBlock> pem_blocks(const std::vector<std::uint8_t>& bytes, const std::string& source) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    std::vector<PemBlock> blocks;
    std::optional<PemBlock> open;
    std::size_t position = 0;
    while (position <= text.size()) {
        const std::size_t newline = text.find('\n', position);
        const std::string_view line = trim(
            text.substr(position, newline == std::string_view::npos ? std::string_view::npos : newline - position));
        position = newline == std::string_view::npos ? text.size() + 1 : newline + 1;

        if (const auto label = marker_label(line, begin_marker)) {
            if (open) {
                break;  // a BEGIN inside a block: the open block was cut off
            }
            open = PemBlock{blocks.size() + 1, *label, {}, false};
        } else if (const auto label = marker_label(line, end_marker)) {
            if (open && *label == open->label) {
                blocks.push_back(std::move(*open));
                open.reset();
            } else if (open) {
                break;
            }
        } else if (open) {
            if (line.find(':') != std::string_view::npos) {
                // RFC 1421 §4.6 encapsulated header ("Proc-Type: 4,ENCRYPTED", "DEK-Info: …").
                open->encrypted = open->encrypted || line.find("ENCRYPTED") != std::string_view::npos;
            } else {
                open->body += line;
            }
        }
    }
    if (open) {
        fail(source + ": truncated PEM block " + std::to_string(open->number) + " (BEGIN " + open->label +
             " without END " + open->label + ")");
    }
    return blocks;
}

std::string block_name(const PemBlock& block) {
    return "PEM block " + std::to_string(block.number) + " (" + block.label + ")";
}

std::vector<std::uint8_t> pem_der(const PemBlock& block, const std::string& source) {
    try {
        const auto der = Botan::base64_decode(block.body, true);
        if (der.empty()) {
            fail(source + ": " + block_name(block) + " is empty");
        }
        return {der.begin(), der.end()};
    } catch (const InputError&) {
        throw;
    } catch (const std::exception&) {
        fail(source + ": " + block_name(block) + " is not valid base64");
    }
}

bool has_label(const Expected& kind, const std::string& label) {
    return std::find(kind.labels.begin(), kind.labels.end(), label) != kind.labels.end();
}

// "… holds a PRIVATE KEY, not a certificate" when the PEM file has blocks, none of them wanted.
[[noreturn]] void fail_wrong_pem_kind(const std::vector<PemBlock>& blocks, const std::string& source,
                                      const Expected& kind) {
    if (blocks.empty()) {
        fail(source + " has a -----BEGIN line but no complete PEM block");
    }
    std::vector<std::string> labels;
    for (const PemBlock& block : blocks) {
        if (std::find(labels.begin(), labels.end(), block.label) == labels.end()) {
            labels.push_back(block.label);
        }
    }
    std::string held;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        held += (i == 0 ? "" : " and ") + with_article(labels[i]);
    }
    fail(source + " holds " + held + ", not " + with_article(kind.noun));
}

// ---- DER ------------------------------------------------------------------------------------

// The first DER object of `bytes` and how many bytes follow it.
struct DerObject {
    std::vector<std::uint8_t> der;
    std::size_t trailing = 0;
};

DerObject split_der(const std::vector<std::uint8_t>& bytes, const std::string& where, const Expected& kind) {
    const std::string not_der = where + " is not a valid " + kind.noun + ": not DER";
    // Certificates, keys and requests are all SEQUENCEs (X.690 tag 0x30).
    if (bytes.empty() || bytes.front() != 0x30) {
        fail(not_der + " (no SEQUENCE)");
    }
    try {
        Botan::DataSource_Memory input(bytes);
        Botan::BER_Decoder decoder(input);
        decoder.get_next_object();
        const std::size_t used = input.get_bytes_read();
        return {std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(used)),
                bytes.size() - used};
    } catch (const std::exception& e) {
        fail(not_der + " (" + e.what() + ")");
    }
}

// ---- private key encodings -------------------------------------------------------------------

const Botan::OID rsa_encryption_oid = Botan::OID::from_string("1.2.840.113549.1.1.1");
const Botan::OID ec_public_key_oid = Botan::OID::from_string("1.2.840.10045.2.1");

// RFC 5958 OneAsymmetricKey / PKCS #8 PrivateKeyInfo.
std::unique_ptr<Botan::Private_Key> load_pkcs8(const std::vector<std::uint8_t>& der) {
    Botan::AlgorithmIdentifier algorithm;
    Botan::secure_vector<std::uint8_t> key;
    std::size_t version = 0;
    Botan::BER_Decoder(der)
        .start_cons(Botan::SEQUENCE)
        .decode(version)
        .decode(algorithm)
        .decode(key, Botan::OCTET_STRING)
        .discard_remaining()
        .end_cons()
        .verify_end();
    if (version > 1) {
        throw Botan::Decoding_Error("unknown PKCS #8 version " + std::to_string(version));
    }
    return Botan::load_private_key(key_algorithm_for_botan(algorithm), key);  // RFC 4055 §1.2: an RSA key
}

// RFC 8017 §A.1.2 RSAPrivateKey ("-----BEGIN RSA PRIVATE KEY-----").
std::unique_ptr<Botan::Private_Key> load_pkcs1(const std::vector<std::uint8_t>& der) {
    const Botan::AlgorithmIdentifier algorithm(rsa_encryption_oid, Botan::AlgorithmIdentifier::USE_NULL_PARAM);
    return Botan::load_private_key(algorithm, Botan::secure_vector<std::uint8_t>(der.begin(), der.end()));
}

// RFC 5915 ECPrivateKey ("-----BEGIN EC PRIVATE KEY-----"): the curve is in its [0] parameters,
// which Botan expects in the AlgorithmIdentifier instead.
std::unique_ptr<Botan::Private_Key> load_sec1(const std::vector<std::uint8_t>& der) {
    Botan::BER_Decoder key = Botan::BER_Decoder(der).start_cons(Botan::SEQUENCE);
    std::size_t version = 0;
    Botan::secure_vector<std::uint8_t> scalar;
    key.decode(version).decode(scalar, Botan::OCTET_STRING);
    const Botan::BER_Object parameters = key.get_next_object();
    if (version != 1 || !parameters.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
        throw Botan::Decoding_Error("not an ECPrivateKey with named parameters");
    }
    const Botan::AlgorithmIdentifier algorithm(
        ec_public_key_oid, std::vector<std::uint8_t>(parameters.bits(), parameters.bits() + parameters.length()));
    return Botan::load_private_key(algorithm, Botan::secure_vector<std::uint8_t>(der.begin(), der.end()));
}

// EncryptedPrivateKeyInfo (RFC 5958 §3): SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
bool is_encrypted_pkcs8(const std::vector<std::uint8_t>& der) {
    try {
        Botan::AlgorithmIdentifier algorithm;
        std::vector<std::uint8_t> data;
        Botan::BER_Decoder(der)
            .start_cons(Botan::SEQUENCE)
            .decode(algorithm)
            .decode(data, Botan::OCTET_STRING)
            .end_cons()
            .verify_end();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

std::unique_ptr<Botan::Private_Key> load_any_private_key(const std::vector<std::uint8_t>& der) {
    for (const auto& load : {load_pkcs8, load_pkcs1, load_sec1}) {
        try {
            if (auto key = load(der)) {
                return key;
            }
        } catch (const std::exception&) {
        }
    }
    return nullptr;
}

// What a DER object that is not the expected kind actually is, in PEM label words.
std::string der_kind(const std::vector<std::uint8_t>& der) {
    const auto decodes = [&](const std::function<void()>& decode) {
        try {
            decode();
            return true;
        } catch (const std::exception&) {
            return false;
        }
    };
    if (decodes([&] { decode_certificate(der); })) {
        return "CERTIFICATE";
    }
    if (decodes([&] { Botan::PKCS10_Request{der}; })) {
        return "CERTIFICATE REQUEST";
    }
    if (load_any_private_key(der)) {
        return "PRIVATE KEY";
    }
    if (is_encrypted_pkcs8(der)) {
        return "ENCRYPTED PRIVATE KEY";
    }
    return {};
}

[[noreturn]] void fail_encrypted(const std::string& where) {
    fail(where + " holds an encrypted private key; give it unencrypted (openssl pkey -in KEY -out plain.pem)");
}

// ---- the common shape of the three readers --------------------------------------------------

// One object from `der` (a DER file or a PEM block's contents), with messages naming `where`.
template <typename Decode>
auto decode_one(const std::vector<std::uint8_t>& der, const std::string& where, const Expected& kind, Decode decode) {
    try {
        return decode(der);
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        const std::string actual = der_kind(der);
        if (!actual.empty() && !has_label(kind, actual)) {
            fail(where + " holds " + with_article(actual) + ", not " + with_article(kind.noun));
        }
        fail(where + " is not a valid " + kind.noun + ": " + e.what());
    }
}

template <typename Decode>
auto decode_der(const DerObject& object, const std::string& where, const Expected& kind, Decode decode) {
    auto value = decode_one(object.der, where, kind, decode);
    // Botan's decoders read one object and ignore what follows; what follows is not nothing.
    if (object.trailing > 0) {
        fail(where + ": " + std::to_string(object.trailing) + " trailing bytes after the DER " + kind.noun);
    }
    return value;
}

struct DerInput {
    DerObject object;
    std::string where;  // the source, or "source: PEM block 2 (CERTIFICATE)"
};

// What may hold `kind`: the whole input when it is DER, else every PEM block with one of kind's
// labels. Other blocks (the key in a combined PEM file, "EC PARAMETERS") are skipped.
std::vector<DerInput> der_inputs(const std::vector<std::uint8_t>& bytes, const std::string& source,
                                 const Expected& kind) {
    reject_empty_or_foreign(bytes, source, kind);
    if (!is_pem(bytes)) {
        if (bytes.front() != 0x30) {
            fail(source + " is neither PEM (no -----BEGIN line) nor DER");
        }
        return {{split_der(bytes, source, kind), source}};
    }
    const std::vector<PemBlock> blocks = pem_blocks(bytes, source);
    std::vector<DerInput> inputs;
    for (const PemBlock& block : blocks) {
        if (!has_label(kind, block.label)) {
            continue;
        }
        if (block.encrypted) {
            fail_encrypted(source);
        }
        const std::string where = source + ": " + block_name(block);
        inputs.push_back({split_der(pem_der(block, source), where, kind), where});
    }
    if (inputs.empty()) {
        fail_wrong_pem_kind(blocks, source, kind);
    }
    return inputs;
}

}  // namespace

std::vector<std::uint8_t> read_file(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        fail("cannot read " + path + ": " + std::strerror(errno));
    }
    std::vector<std::uint8_t> bytes;
    std::array<std::uint8_t, 65536> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
        bytes.insert(bytes.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got));
    }
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) {
        fail("cannot read " + path + ": " + std::strerror(error));  // e.g. "Is a directory"
    }
    if (bytes.empty()) {
        fail(path + " is empty");
    }
    return bytes;
}

std::vector<Botan::X509_Certificate> read_certificates(const std::vector<std::uint8_t>& bytes,
                                                       const std::string& source) {
    std::vector<Botan::X509_Certificate> certificates;
    for (const DerInput& input : der_inputs(bytes, source, certificate_kind)) {
        certificates.push_back(decode_der(input.object, input.where, certificate_kind,
                                          [](const auto& der) { return cache::certificate(der); }));
    }
    return certificates;
}

std::unique_ptr<Botan::Private_Key> read_private_key(const std::vector<std::uint8_t>& bytes,
                                                     const std::string& source) {
    const DerInput input = der_inputs(bytes, source, private_key_kind).front();
    return decode_der(input.object, input.where, private_key_kind, [&](const std::vector<std::uint8_t>& der) {
        if (auto key = load_any_private_key(der)) {
            return key;
        }
        if (is_encrypted_pkcs8(der)) {
            fail_encrypted(source);
        }
        throw Botan::Decoding_Error("not PKCS #8, PKCS #1 or SEC 1");
    });
}

Botan::PKCS10_Request read_request(const std::vector<std::uint8_t>& bytes, const std::string& source) {
    const DerInput input = der_inputs(bytes, source, request_kind).front();
    return decode_der(input.object, input.where, request_kind,
                      [](const std::vector<std::uint8_t>& der) { return Botan::PKCS10_Request(der); });
}

std::string certificate_pem(const std::string& der_base64) {
    return Botan::PEM_Code::encode(Botan::base64_decode(der_base64), "CERTIFICATE");
}

}  // namespace mra::x509
