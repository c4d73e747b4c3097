# x86-64 HAL: included by cmake/KernelBuild.cmake in kernel mode.
set(_hal_dir ${CMAKE_CURRENT_LIST_DIR})
set(HAL_ARCH_SOURCES
  ${_hal_dir}/boot32.S
  ${_hal_dir}/entry.S
  ${_hal_dir}/boot.c
  ${_hal_dir}/cpu_setup.c
  ${_hal_dir}/paging.c
  ${_hal_dir}/mmu.c
  ${_hal_dir}/pte.c
  ${_hal_dir}/trap.c
  ${_hal_dir}/regs.c
  ${_hal_dir}/cpu.c
  ${_hal_dir}/console.c
  ${_hal_dir}/clock.c
  ${_hal_dir}/lapic.c)
set(HAL_ARCH_C_FLAGS "")
set(HAL_ARCH_LINKER_SCRIPT ${_hal_dir}/kernel.ld)
set(HAL_ARCH_QEMU_ARGS ${_hal_dir}/qemu-args.txt)
