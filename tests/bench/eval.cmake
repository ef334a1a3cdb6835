# bench_eval: in-process evaluations per second (included by tests/bench/CMakeLists.txt).
add_executable(bench_eval ${CMAKE_CURRENT_LIST_DIR}/bench_eval.c)
target_link_libraries(bench_eval PRIVATE pccore)
add_test(NAME bench.eval COMMAND bench_eval 200000)
set_tests_properties(bench.eval PROPERTIES LABELS bench)
