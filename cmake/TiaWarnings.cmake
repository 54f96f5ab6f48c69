# Warning flags in one place (as Abseil does); -Werror comes from the presets
# through CMAKE_COMPILE_WARNING_AS_ERROR so a developer can still override it.
add_library(tia_warnings INTERFACE)
target_compile_options(tia_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
  -Woverloaded-virtual -Wold-style-cast -Wimplicit-fallthrough -Wformat=2
  -Wmissing-declarations)
# g++ 12 at -O2 reports false -Warray-bounds inside libstdc++'s red-black tree when inlining
# nlohmann::json objects (GCC bug 105562 family); the sanitizer build checks bounds for real.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(tia_warnings INTERFACE -Wno-array-bounds)
endif()
# clang's -Wconversion also enables -Wsign-conversion, which g++'s does not; keep the two alike.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_options(tia_warnings INTERFACE -Wno-sign-conversion)
endif()
