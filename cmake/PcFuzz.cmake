# pc_add_fuzz(NAME <target> TEST <ctest name> LIBS <libs…> [SECONDS n] [RUNS n])
# One fuzz target, built two ways: with PC_FUZZ (clang) a libFuzzer binary that ctest
# runs for a bounded time over a copy of its seed corpus; otherwise the same source
# linked with tests/fuzz/fuzz_driver.c, which replays the seeds and a fixed number of
# mutated inputs. Seeds live in <source dir>/corpus/<target>/; libFuzzer writes its
# findings into the build tree's copy, never into the sources.
set(PC_FUZZ_SECONDS 20 CACHE STRING "Seconds each libFuzzer target runs in ctest")

function(pc_add_fuzz)
  cmake_parse_arguments(F "" "NAME;TEST;SECONDS;RUNS" "LIBS" ${ARGN})
  if(NOT F_SECONDS)
    set(F_SECONDS ${PC_FUZZ_SECONDS})
  endif()
  if(NOT F_RUNS)
    set(F_RUNS 3000)
  endif()
  set(corpus ${CMAKE_CURRENT_BINARY_DIR}/corpus/${F_NAME})
  file(MAKE_DIRECTORY ${corpus})
  file(GLOB seeds ${CMAKE_CURRENT_SOURCE_DIR}/corpus/${F_NAME}/*)
  if(seeds)
    file(COPY ${seeds} DESTINATION ${corpus})
  endif()
  if(PC_FUZZ)
    add_executable(${F_NAME} ${F_NAME}.c)
    target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
    add_test(NAME ${F_TEST} COMMAND ${F_NAME} -max_total_time=${F_SECONDS}
             -rss_limit_mb=2048 -timeout=10 ${corpus})
  else()
    add_executable(${F_NAME} ${F_NAME}.c ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_driver.c)
    add_test(NAME ${F_TEST} COMMAND ${F_NAME} ${F_RUNS} ${corpus})
  endif()
  target_link_libraries(${F_NAME} PRIVATE ${F_LIBS})
  set_property(TEST ${F_TEST} APPEND PROPERTY LABELS fuzz)
endfunction()
