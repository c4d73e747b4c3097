# CTest registration of the contract suite (included at the end of
# Contracts.cmake, which sets KDIFF_CONTRACT_IDS). Per id and arch in
# KDIFF_ARCHES: a test "<id>/<arch>" labelled contracts, <category>, <arch>,
# run by kdiff-contract (cli/harness). A fixture around them checks
# known-divergences.json and clears old results first (contracts.setup) and
# writes build/contracts/report.json and the summary table last
# (contracts.report); CTestCustom.cmake prints that table at the very end of
# the ctest run. See docs/contracts.md.
set(CONTRACTS_TIMEOUT 60 CACHE STRING
    "Seconds a contract image may run in QEMU before it is TIMEOUT")
set(CONTRACTS_LINUX_TIMEOUT 30 CACHE STRING
    "Seconds the Linux reference run of a contract may take")

# The reference Linux per arch (docs/reference.md): "native" runs the
# x86-64 program on this host's kernel (every arch's image is compared with
# it); "vm" runs the arch's own program on Debian's pinned kernel in QEMU.
# KDIFF_REFERENCE is one word for every arch or "arch=word;..." (commas
# too); unnamed arches keep their default, vm for arm64, native for x86-64.
set(KDIFF_REFERENCE "" CACHE STRING
    "Reference Linux per arch: native|vm, or e.g. \"arm64=vm;x86_64=native\"")
set(kdiff_ref_default_x86_64 native)
set(kdiff_ref_default_arm64 vm)
set(kdiff_ref_debarch_x86_64 amd64)
set(kdiff_ref_debarch_arm64 arm64)
set(kdiff_ref_package_x86_64 linux-image-cloud-amd64)
set(kdiff_ref_package_arm64 linux-image-cloud-arm64:arm64)
string(REPLACE "," ";" kdiff_ref_words "${KDIFF_REFERENCE}")
foreach(arch IN LISTS KDIFF_ARCHES)
  set(KDIFF_REFERENCE_OF_${arch} ${kdiff_ref_default_${arch}})
  foreach(w IN LISTS kdiff_ref_words)
    if(w MATCHES "^(native|vm)$")
      set(KDIFF_REFERENCE_OF_${arch} ${w})
    elseif(w MATCHES "^${arch}=(native|vm)$")
      set(KDIFF_REFERENCE_OF_${arch} ${CMAKE_MATCH_1})
    elseif(NOT w MATCHES "^(x86_64|arm64)=(native|vm)$")
      message(FATAL_ERROR "KDIFF_REFERENCE: '${w}' is not native, vm or <arch>=native|vm")
    endif()
  endforeach()
  # The pinned kernel: the newest Debian cloud kernel in /boot unless set.
  file(GLOB kdiff_ref_found /boot/vmlinuz-*-cloud-${kdiff_ref_debarch_${arch}})
  list(SORT kdiff_ref_found COMPARE NATURAL ORDER DESCENDING)
  list(GET kdiff_ref_found 0 kdiff_ref_newest)
  if(NOT kdiff_ref_found)
    set(kdiff_ref_newest "")
  endif()
  set(KDIFF_REFERENCE_KERNEL_${arch} "${kdiff_ref_newest}" CACHE FILEPATH
      "Kernel image of the ${arch} reference VM (docs/reference.md)")
  if(KDIFF_REFERENCE_OF_${arch} STREQUAL "vm" AND
     NOT EXISTS "${KDIFF_REFERENCE_KERNEL_${arch}}")
    message(WARNING
      "The ${arch} contracts use the reference VM, but there is no kernel "
      "image (KDIFF_REFERENCE_KERNEL_${arch}='${KDIFF_REFERENCE_KERNEL_${arch}}'). "
      "Install it with: apt-get install ${kdiff_ref_package_${arch}} cpio "
      "(.ci/install-deps does), or configure -DKDIFF_REFERENCE=${arch}=native.")
  endif()
  if(KDIFF_REFERENCE_OF_${arch} STREQUAL "vm")
    find_program(KDIFF_CPIO cpio)
    if(NOT KDIFF_CPIO)
      message(WARNING "The reference VM's initramfs needs cpio: apt-get install cpio")
    endif()
  endif()
  message(STATUS "Contract reference for ${arch}: ${KDIFF_REFERENCE_OF_${arch}}"
                 " (${KDIFF_REFERENCE_KERNEL_${arch}})")
endforeach()

set(contracts_dir ${CMAKE_BINARY_DIR}/contracts)
set(contracts_results ${contracts_dir}/results)
set(contracts_summary ${contracts_dir}/summary.txt)
set(contracts_known ${PROJECT_SOURCE_DIR}/tests/contracts/known-divergences.json)
string(REPLACE ";" "," contracts_id_list "${KDIFF_CONTRACT_IDS}")
# CTest's own limit is a backstop above the runner's, which kills QEMU itself.
math(EXPR contracts_ctest_timeout
     "${CONTRACTS_TIMEOUT} + ${CONTRACTS_LINUX_TIMEOUT} + 60")

# The Linux side runs in a private /tmp (cli/run/sandbox.h); OFF runs it in
# the build dir against the host's /tmp (KDIFF_NO_SANDBOX=1 for the tests).
option(CONTRACTS_SANDBOX "Run each contract's Linux side in a fresh private /tmp" ON)
set(contracts_env "")
if(NOT CONTRACTS_SANDBOX)
  set(contracts_env ENVIRONMENT KDIFF_NO_SANDBOX=1)
endif()

set(contracts_trace_arg "")
if(CONTRACTS_TRACE)
  set(contracts_trace_arg --trace)
endif()

add_test(NAME contracts.setup
  COMMAND kdiff-contract setup --known ${contracts_known}
          --results ${contracts_results} --ids ${contracts_id_list})
set_tests_properties(contracts.setup PROPERTIES
  FIXTURES_SETUP contracts LABELS contracts)

add_test(NAME contracts.report
  COMMAND kdiff-contract report --results ${contracts_results}
          --out ${contracts_dir}/report.json --summary ${contracts_summary})
set_tests_properties(contracts.report PROPERTIES
  FIXTURES_CLEANUP contracts LABELS contracts)

# A test that needs more than the image's default memory says so in its
# source: a line holding "contract-memory: SIZE" (docs/contracts.md). Such
# tests stay out of the reference batch (512M): they boot a VM of their own
# with their size.
set(contracts_batch_ids "")
foreach(id IN LISTS KDIFF_CONTRACT_IDS)
  set(contracts_memory_${id} "")
  if(KDIFF_CONTRACT_SOURCE_${id})
    file(STRINGS "${KDIFF_CONTRACT_SOURCE_${id}}" memory_line
         REGEX "contract-memory: [0-9]+[MG]" LIMIT_COUNT 1)
    if(memory_line MATCHES "contract-memory: ([0-9]+[MG])")
      set(contracts_memory_${id} ${CMAKE_MATCH_1})
    endif()
  endif()
  if(NOT contracts_memory_${id})
    list(APPEND contracts_batch_ids ${id})
  endif()
endforeach()
string(REPLACE ";" "," contracts_batch_list "${contracts_batch_ids}")

# One fixture per vm-reference arch fills the reference cache for the whole
# suite in a few boots (two VMs at once) before any contract runs; each
# contract then reads its entry (and boots a VM of one only on a miss).
foreach(arch IN LISTS KDIFF_ARCHES)
  set(contracts_ref_args_${arch} --reference native)
  set(contracts_ref_fixture_${arch} "")
  if(KDIFF_REFERENCE_OF_${arch} STREQUAL "vm")
    set(contracts_ref_args_${arch} --reference vm
        --ref-kernel "${KDIFF_REFERENCE_KERNEL_${arch}}")
    set(contracts_ref_fixture_${arch} contracts_reference_${arch})
    add_test(NAME contracts.reference/${arch}
      COMMAND kdiff-contract reference --arch ${arch} --jobs 2
              --build-dir ${CMAKE_BINARY_DIR} --ids ${contracts_batch_list}
              --linux-timeout ${CONTRACTS_LINUX_TIMEOUT}
              --ref-kernel "${KDIFF_REFERENCE_KERNEL_${arch}}"
      WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    list(LENGTH KDIFF_CONTRACT_IDS contracts_n)
    math(EXPR contracts_ref_timeout "600 + ${contracts_n} * 10")
    set_tests_properties(contracts.reference/${arch} PROPERTIES
      FIXTURES_SETUP contracts_reference_${arch}
      LABELS "contracts;${arch}" TIMEOUT ${contracts_ref_timeout}
      PROCESSORS 2) # its two VMs: ctest -j2 runs nothing beside it
  endif()
endforeach()

foreach(id IN LISTS KDIFF_CONTRACT_IDS)
  string(REGEX REPLACE "\\..*$" "" category "${id}")
  set(memory_arg "")
  if(contracts_memory_${id})
    set(memory_arg --memory ${contracts_memory_${id}})
  endif()
  foreach(arch IN LISTS KDIFF_ARCHES)
    add_test(NAME ${id}/${arch}
      COMMAND kdiff-contract run --id ${id} --arch ${arch} ${memory_arg}
              --build-dir ${CMAKE_BINARY_DIR}
              --known ${contracts_known}
              --timeout ${CONTRACTS_TIMEOUT}
              --linux-timeout ${CONTRACTS_LINUX_TIMEOUT}
              ${contracts_trace_arg} ${contracts_ref_args_${arch}}
      WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    # The verdict line ("<id>/<arch>: DIVG: why") fails the test by a
    # regular expression per failing verdict, so that CTest's reason, and
    # with it `ctest --output-junit`'s <failure message>, names the verdict
    # (the exit status would fail it all the same, with an empty message).
    set(verdict_res "")
    foreach(v FAIL DIVG TIMEOUT CRASH XPASS LINUX_FAIL ERROR)
      list(APPEND verdict_res "${id}/${arch}: ${v}:")
    endforeach()
    set_tests_properties(${id}/${arch} PROPERTIES
      LABELS "contracts;${category};${arch}"
      FIXTURES_REQUIRED "contracts;${contracts_ref_fixture_${arch}}"
      FAIL_REGULAR_EXPRESSION "${verdict_res}"
      TIMEOUT ${contracts_ctest_timeout} ${contracts_env})
  endforeach()
endforeach()

# Print the table after ctest's own summary (only when contract tests ran:
# show-summary prints nothing when there is no fresh summary file).
file(WRITE ${CMAKE_BINARY_DIR}/CTestCustom.cmake
  "# Generated by cmake/ContractTests.cmake\n"
  "set(CTEST_CUSTOM_POST_TEST \"${CMAKE_BINARY_DIR}/kdiff-contract show-summary ${contracts_summary}\")\n")

# Everything a contract run needs, built.
set(contracts_deps kdiff-contract contract_programs_x86_64)
foreach(arch IN LISTS KDIFF_ARCHES)
  list(APPEND contracts_deps kernel_${arch})
  if(KDIFF_REFERENCE_OF_${arch} STREQUAL "vm")
    list(APPEND contracts_deps contract_programs_${arch} kdiff_ref_init_${arch})
  endif()
endforeach()

include(ProcessorCount)
ProcessorCount(contracts_jobs)
if(contracts_jobs EQUAL 0)
  set(contracts_jobs 2)
endif()

add_custom_target(contracts-report
  COMMAND kdiff-contract report --results ${contracts_results}
          --out ${contracts_dir}/report.json
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Contract report from the last run's result files"
  USES_TERMINAL)

add_custom_target(test-contracts-trace
  COMMAND ${CMAKE_COMMAND} -E env KDIFF_CONTRACTS_TRACE=1
          ${CMAKE_CTEST_COMMAND} --test-dir ${CMAKE_BINARY_DIR} -L contracts
          --output-on-failure -j ${contracts_jobs}
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Contract suite with kdiff tracing on every non-PASS"
  USES_TERMINAL)
add_dependencies(test-contracts-trace ${contracts_deps})

set(TEST "" CACHE STRING "Contract id for the trace-contract target (or env TEST)")
string(REPLACE ";" "|" contracts_arches_arg "${KDIFF_ARCHES}")
add_custom_target(trace-contract
  COMMAND ${CMAKE_COMMAND} -DTEST=${TEST} -DARCHES=${contracts_arches_arg}
          -DRUNNER=$<TARGET_FILE:kdiff-contract> -DBUILD_DIR=${CMAKE_BINARY_DIR}
          -DKNOWN=${contracts_known} -DTIMEOUT=${CONTRACTS_TIMEOUT}
          -P ${PROJECT_SOURCE_DIR}/cli/harness/trace-contract.cmake
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "One contract test with kdiff tracing"
  USES_TERMINAL)
add_dependencies(trace-contract ${contracts_deps})
if(TARGET kdiff)
  add_dependencies(test-contracts-trace kdiff)
  add_dependencies(trace-contract kdiff)
endif()
