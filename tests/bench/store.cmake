# bench_store: the store's open with a million rows (issue 12), clean and after a crash.
add_executable(bench_store ${CMAKE_CURRENT_SOURCE_DIR}/bench_store.c)
target_link_libraries(bench_store PRIVATE pccore)
add_test(NAME bench.store_open COMMAND bench_store)
set_tests_properties(bench.store_open PROPERTIES LABELS bench)
