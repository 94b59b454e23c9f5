// kgbuild entry point: everything lives in kg_cli.
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) { return kg::cli::run(argc, argv, std::cout, std::cerr); }
