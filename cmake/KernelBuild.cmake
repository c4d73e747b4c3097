# Kernel mode (see the top-level CMakeLists.txt): builds libkernel.a for
# KDIFF_KERNEL_ARCH from hal/<arch>, libos and linux_shim, and links one
# bootable image per contract test around that test's musl program.
#
# hal/<arch>/arch.cmake MUST set:
#   HAL_ARCH_SOURCES        the arch's .c and .S files (absolute paths)
#   HAL_ARCH_C_FLAGS        extra compile flags for all kernel code (a list)
#   HAL_ARCH_LINKER_SCRIPT  the image's linker script
#   HAL_ARCH_QEMU_ARGS      the QEMU argument template (docs/adding-an-arch.md)
set(arch ${KDIFF_KERNEL_ARCH})
set(root ${PROJECT_SOURCE_DIR})
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_EXTENSIONS ON) # gnu11: inline asm, attributes
include(${root}/cmake/SyscallTables.cmake)
include(${root}/cmake/ContractList.cmake)
include(${root}/hal/${arch}/arch.cmake)

kdiff_generate_syscall_tables(${CMAKE_BINARY_DIR}/generated)

# hal/common: HAL code both ports share (hal/include/hal says which). Its
# headers (the shared page walk's per-arch hooks) are the HAL's alone.
file(GLOB hal_common_sources CONFIGURE_DEPENDS ${root}/hal/common/*.c)
set_property(SOURCE ${HAL_ARCH_SOURCES} ${hal_common_sources}
  APPEND PROPERTY INCLUDE_DIRECTORIES ${root}/hal/common)
file(GLOB libos_sources CONFIGURE_DEPENDS ${root}/libos/*.c)
file(GLOB shim_sources CONFIGURE_DEPENDS ${root}/linux_shim/*.c
     ${root}/linux_shim/arch/${arch}/*.c)

set(KDIFF_DEBUG_DEFAULT "none" CACHE STRING "Default trace filter")
add_library(kernel STATIC ${HAL_ARCH_SOURCES} ${hal_common_sources}
  ${libos_sources} ${shim_sources})
set_target_properties(kernel PROPERTIES ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
target_include_directories(kernel PUBLIC
  ${root} ${root}/libos/include ${root}/hal/include ${root}/hal/${arch}/include
  ${root}/linux_shim/arch/${arch} ${CMAKE_BINARY_DIR}/generated)
target_compile_options(kernel PUBLIC ${HAL_ARCH_C_FLAGS}
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Werror -O2 -g>)
target_compile_definitions(kernel PRIVATE
  KDIFF_ARCH_${arch}=1 KDIFF_DEBUG_DEFAULT="${KDIFF_DEBUG_DEFAULT}")

set(image_dir ${KDIFF_IMAGE_DIR})
file(MAKE_DIRECTORY ${image_dir})
configure_file(${HAL_ARCH_QEMU_ARGS} ${image_dir}/qemu-args.txt COPYONLY)

# link-image.sh PAYLOAD NAME OUT: what kdiff uses to turn one out-of-tree
# program into an image with exactly the flags used here.
string(REPLACE ";" " " link_flags "${CMAKE_EXE_LINKER_FLAGS}")
configure_file(${root}/cmake/link-image.sh.in ${image_dir}/link-image.sh
  @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
  GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

kdiff_list_contracts(ids)
foreach(id IN LISTS ids)
  set(payload ${KDIFF_PAYLOAD_DIR}/${id})
  set(stub ${CMAKE_BINARY_DIR}/payload/${id}.S)
  set(KDIFF_PAYLOAD_PATH ${payload})
  set(KDIFF_PAYLOAD_NAME ${id})
  configure_file(${root}/cmake/payload.S.in ${stub} @ONLY)
  set_source_files_properties(${stub} PROPERTIES OBJECT_DEPENDS ${payload})
  add_executable(${id}.elf ${stub})
  # Whole archive: nothing references the HAL's entry point, yet it must be in.
  add_dependencies(${id}.elf kernel)
  target_link_options(${id}.elf PRIVATE -T ${HAL_ARCH_LINKER_SCRIPT}
    -Wl,--whole-archive $<TARGET_FILE:kernel> -Wl,--no-whole-archive)
  set_target_properties(${id}.elf PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${image_dir}
    LINKER_LANGUAGE C
    # The archive is linked through options, so name it as a dependency
    # too: a changed kernel must relink every image.
    LINK_DEPENDS "${HAL_ARCH_LINKER_SCRIPT};${CMAKE_BINARY_DIR}/libkernel.a")
endforeach()

# ---- The vDSO (docs/vdso.md) ----
# A tiny position-independent shared object from linux_shim/vdso (shared
# clock code, layout) and linux_shim/arch/<arch>/vdso (entry points,
# version script), linked with the kernel's compiler but none of its flags
# (it runs in user mode), checked (vdso_check.cmake: no relocations, one
# R+X segment), and embedded in .rodata by vdso_image.S.
set(vdso_src ${root}/linux_shim/vdso)
set(vdso_arch_src ${root}/linux_shim/arch/${arch}/vdso)
set(vdso_out ${CMAKE_BINARY_DIR}/vdso)
file(MAKE_DIRECTORY ${vdso_out})
file(GLOB vdso_sources CONFIGURE_DEPENDS ${vdso_arch_src}/vdso_entry.c
     ${vdso_arch_src}/*.S)
file(GLOB vdso_headers CONFIGURE_DEPENDS ${vdso_src}/*.h ${vdso_arch_src}/*.h)
set(vdso_arch_flags -mgeneral-regs-only)
if(arch STREQUAL "x86_64")
  list(APPEND vdso_arch_flags -mcmodel=small)
endif()
add_custom_command(OUTPUT ${vdso_out}/vdso.so ${vdso_out}/vdso_syms.h
  COMMAND ${CMAKE_C_COMPILER} -std=gnu11 -Wall -Wextra -Werror -O2 -fPIC
          -ffreestanding -fno-stack-protector -fno-builtin
          -fno-asynchronous-unwind-tables -fno-unwind-tables
          -fvisibility=hidden ${vdso_arch_flags}
          -I${root}/linux_shim -I${vdso_arch_src}
          -nostdlib -shared -Wl,-Bsymbolic -Wl,--hash-style=sysv
          -Wl,--version-script=${vdso_arch_src}/vdso.map
          -Wl,-soname=linux-vdso.so.1 -Wl,-T,${vdso_src}/vdso.lds
          -Wl,--no-undefined -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack
          -Wl,--build-id=none -o ${vdso_out}/vdso.so ${vdso_sources}
  COMMAND ${CMAKE_COMMAND} -DSO=${vdso_out}/vdso.so -DREADELF=${CMAKE_READELF}
          -DNM=${CMAKE_NM} -DOUT=${vdso_out}/vdso_syms.h
          -P ${vdso_src}/vdso_check.cmake
  DEPENDS ${vdso_sources} ${vdso_headers} ${vdso_src}/vdso.lds
          ${vdso_arch_src}/vdso.map ${vdso_src}/vdso_check.cmake
  COMMENT "vDSO for ${arch}"
  VERBATIM)
file(CONFIGURE OUTPUT ${vdso_out}/vdso_image.S CONTENT
"/* Generated by cmake/KernelBuild.cmake: the vDSO image in .rodata. */
  .section .rodata.vdso, \"a\"
  .balign 4096
  .globl vdso_image_start
  .globl vdso_image_end
vdso_image_start:
  .incbin \"${vdso_out}/vdso.so\"
vdso_image_end:
  .section .note.GNU-stack, \"\", %progbits
")
set_source_files_properties(${vdso_out}/vdso_image.S PROPERTIES
  OBJECT_DEPENDS ${vdso_out}/vdso.so)
set_source_files_properties(${root}/linux_shim/vdso.c PROPERTIES
  OBJECT_DEPENDS ${vdso_out}/vdso_syms.h)
target_sources(kernel PRIVATE ${vdso_out}/vdso_image.S)
target_include_directories(kernel PRIVATE ${vdso_out})
