#include "tia/cli/commands.h"

int main(int argc, char** argv) { return tia::cli::Run(argc, argv); }
