#pragma once
#include <stdexcept>
#include <string>

namespace mra {

// Something the user gave us (a file, an option, a profile) cannot be used. The message is one
// line that names the input and says what is wrong with it; the CLI prints it and exits 3.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace mra
