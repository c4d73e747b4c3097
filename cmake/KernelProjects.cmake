# One ExternalProject per architecture: re-enters the top-level CMakeLists.txt
# in kernel mode with that arch's freestanding toolchain (a CMake build has a
# single C compiler, and the kernels need a different one per arch).
include(ExternalProject)
string(REPLACE ";" "|" contract_dirs_arg "${CONTRACT_DIRS}")
foreach(arch IN LISTS KDIFF_ARCHES)
  ExternalProject_Add(kernel_${arch}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/kernel/${arch}
    LIST_SEPARATOR |
    CMAKE_ARGS
      -DKDIFF_KERNEL_ARCH=${arch}
      -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchain-kernel-${arch}.cmake
      -DCMAKE_BUILD_TYPE=Release
      -DKDIFF_PAYLOAD_DIR=${CMAKE_BINARY_DIR}/tests/${arch}
      -DKDIFF_IMAGE_DIR=${CMAKE_BINARY_DIR}/images/${arch}
      -DKDIFF_DEBUG_DEFAULT=${KDIFF_DEBUG_DEFAULT}
      -DCONTRACT_DIRS=${contract_dirs_arg}
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    DEPENDS contract_programs_${arch}
    USES_TERMINAL_BUILD ON)
endforeach()
