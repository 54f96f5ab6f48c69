# tia_library(NAME x SRCS ... DEPS ...): a static library tia_x with alias tia::x,
# includes rooted at src/, the project's warnings.
function(tia_library)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(tia_${T_NAME} STATIC ${T_SRCS})
  add_library(tia::${T_NAME} ALIAS tia_${T_NAME})
  target_include_directories(tia_${T_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(tia_${T_NAME} PUBLIC ${T_DEPS} PRIVATE tia_warnings)
endfunction()

# tia_test(NAME x SRCS ... DEPS ...): a GoogleTest executable, one ctest case per test.
function(tia_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main tia_warnings)
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
endfunction()

# tia_embed_files(OUT file.cc NAMESPACE ns VAR name FILES ...): compiles text files into the binary
# as a sorted array of {name, contents} so `tia` needs nothing beside it at run time.
function(tia_embed_files)
  cmake_parse_arguments(T "" "OUT;VAR;NAMESPACE" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${T_FILES}")  # a list cannot cross a shell command line
  add_custom_command(
    OUTPUT ${T_OUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${T_OUT} -DVAR=${T_VAR} -DNS=${T_NAMESPACE} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    VERBATIM
    DEPENDS ${T_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${T_VAR}")
  # A document may be longer than the 64 KiB literal the standard promises; both compilers take it.
  set_source_files_properties(${T_OUT} PROPERTIES COMPILE_OPTIONS -Wno-overlength-strings)
endfunction()
