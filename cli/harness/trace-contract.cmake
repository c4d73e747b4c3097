# cmake -DTEST=<id> [-DARCH=<arch>] ... -P trace-contract.cmake
# Runs one contract test with tracing on (kdiff on a non-PASS) on each arch,
# for the trace-contract target. TEST (and ARCH) may come from the
# environment instead. Fails if any arch's verdict fails.
if(NOT TEST)
  set(TEST "$ENV{TEST}")
endif()
if(NOT TEST)
  message(FATAL_ERROR
    "trace-contract: say which test, e.g.\n"
    "  cmake -DTEST=vm.brk_basic <build> && cmake --build <build> --target trace-contract\n"
    "  or: TEST=vm.brk_basic cmake --build <build> --target trace-contract")
endif()
string(REPLACE "|" ";" arches "${ARCHES}")
if(NOT ARCH)
  set(ARCH "$ENV{ARCH}")
endif()
if(ARCH)
  set(arches ${ARCH})
endif()
set(failed "")
foreach(arch IN LISTS arches)
  execute_process(
    COMMAND ${RUNNER} run --id ${TEST} --arch ${arch} --build-dir ${BUILD_DIR}
            --known ${KNOWN} --timeout ${TIMEOUT} --trace
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(APPEND failed "${TEST}/${arch}")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "trace-contract: not passing: ${failed}")
endif()
