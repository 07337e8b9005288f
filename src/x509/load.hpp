#pragma once
// Decoding certificates, private keys and PKCS#10 requests from bytes (files or the wire).
// Every function throws mra::InputError with one line naming `source` and the problem
// ("truncated PEM block", "trailing bytes after DER certificate", "looks like a PNG image", …);
// no Botan exception escapes.

#include <botan/pk_keys.h>
#include <botan/pkcs10.h>
#include <botan/x509cert.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/input_error.hpp"

namespace mra::x509 {

// PEM with any number of CERTIFICATE blocks (text between blocks, e.g. an `openssl x509 -text`
// dump, is ignored) or exactly one DER certificate. At least one certificate, or InputError.
std::vector<Botan::X509_Certificate> read_certificates(const std::vector<std::uint8_t>& bytes,
                                                       const std::string& source);

// PKCS#8 (or traditional RSA/EC) PEM or DER, unencrypted.
std::unique_ptr<Botan::Private_Key> read_private_key(const std::vector<std::uint8_t>& bytes, const std::string& source);

// PEM ("CERTIFICATE REQUEST" / "NEW CERTIFICATE REQUEST") or DER.
Botan::PKCS10_Request read_request(const std::vector<std::uint8_t>& bytes, const std::string& source);

// PEM of a certificate as the facts hold it (its der_base64): what a SIP SERVICE carries.
std::string certificate_pem(const std::string& der_base64);

// The whole file, or InputError ("cannot read FILE: No such file or directory", "FILE is empty").
std::vector<std::uint8_t> read_file(const std::string& path);

}  // namespace mra::x509
