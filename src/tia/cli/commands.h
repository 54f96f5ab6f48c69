// tia/cli/commands.h — the `tia` command line: serve, migrate, hospital, user, demo, export.
#pragma once

namespace tia::cli {

// Parses argv and runs the command; returns the process exit code.
int Run(int argc, char** argv);

}  // namespace tia::cli
