# Contract tests: every tests/contracts/<category>/<name>.c (and CONTRACT_DIRS)
# becomes a static musl program per arch, build/tests/<arch>/<id>: the very
# file Linux runs and the kernel build embeds in build/images/<arch>/<id>.elf.
# Every one, in-tree or not, has tests/contracts on its include path for the
# optional helper header contract.h.
kdiff_list_contracts(KDIFF_CONTRACT_IDS)
set(contract_include ${PROJECT_SOURCE_DIR}/tests/contracts)

set(program_arches ${KDIFF_ARCHES})
list(APPEND program_arches x86_64) # the Linux reference is always x86-64
list(REMOVE_DUPLICATES program_arches)

foreach(arch IN LISTS program_arches)
  set(outputs "")
  foreach(id IN LISTS KDIFF_CONTRACT_IDS)
    set(src ${KDIFF_CONTRACT_SOURCE_${id}})
    set(out ${CMAKE_BINARY_DIR}/tests/${arch}/${id})
    set(warn -Wall -Wextra)
    if(src MATCHES "^${PROJECT_SOURCE_DIR}/")
      list(APPEND warn -Werror) # our own tests; outside ones only warn
    endif()
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/tests/${arch}
      COMMAND ${KDIFF_MUSL_GCC_${arch}} -static -O1 -std=gnu11 ${warn}
              -I${contract_include} -o ${out} ${src}
      DEPENDS ${src} ${contract_include}/contract.h
      COMMENT "musl ${arch}: ${id}"
      VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  add_custom_target(contract_programs_${arch} ALL DEPENDS ${outputs})
endforeach()

# CTest registration of each contract per arch lives in ContractTests.cmake.
include(${PROJECT_SOURCE_DIR}/cmake/ContractTests.cmake OPTIONAL)
