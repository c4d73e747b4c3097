# arm64 HAL: included by cmake/KernelBuild.cmake in kernel mode.
set(_hal_arm64 ${CMAKE_CURRENT_LIST_DIR})
file(GLOB HAL_ARCH_SOURCES CONFIGURE_DEPENDS
  ${_hal_arm64}/*.c ${_hal_arm64}/*.S)
# Nothing beyond the toolchain's flags: all C runs with the MMU on (normal
# memory, so unaligned accesses are fine); the MMU-off code is assembly.
set(HAL_ARCH_C_FLAGS "")
set(HAL_ARCH_LINKER_SCRIPT ${_hal_arm64}/kernel.ld)
set(HAL_ARCH_QEMU_ARGS ${_hal_arm64}/qemu-args.txt)
# The HAL's private header (arm64.h) sits beside its sources.
set_source_files_properties(${HAL_ARCH_SOURCES} PROPERTIES
  INCLUDE_DIRECTORIES ${_hal_arm64})
