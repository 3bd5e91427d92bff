#include <iostream>

#include "planner/cli/cli.hpp"

int main(int argc, char** argv) { return rplan::cli::run(argc, argv, std::cout, std::cerr); }
