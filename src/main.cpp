#include "cli/cli.hpp"

int main(int argc, char** argv) {
    return mra::cli::main(argc, argv);
}
