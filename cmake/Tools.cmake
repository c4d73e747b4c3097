# Finds the host tools the build and the tests need. A missing tool is a
# clear error naming the Debian package, never a cryptic failure later.

function(kdiff_require_program var name package)
  find_program(${var} NAMES ${name})
  if(NOT ${var})
    message(FATAL_ERROR
      "kdiff needs '${name}', which was not found.\n"
      "Install it with: apt-get install ${package}")
  endif()
endfunction()

set(KDIFF_MUSL_GCC_x86_64_NAME musl-gcc)
set(KDIFF_MUSL_GCC_arm64_NAME aarch64-linux-musl-gcc)
set(KDIFF_KERNEL_CC_x86_64_NAME gcc)
set(KDIFF_KERNEL_CC_arm64_NAME aarch64-linux-gnu-gcc)
set(KDIFF_QEMU_x86_64_NAME qemu-system-x86_64)
set(KDIFF_QEMU_arm64_NAME qemu-system-aarch64)
set(KDIFF_PKG_MUSL_x86_64 "musl-tools musl-dev")
set(KDIFF_PKG_MUSL_arm64 "musl-dev:arm64 (after: dpkg --add-architecture arm64; apt-get update)")
set(KDIFF_PKG_CC_x86_64 "gcc")
set(KDIFF_PKG_CC_arm64 "gcc-aarch64-linux-gnu")
set(KDIFF_PKG_QEMU_x86_64 "qemu-system-x86")
set(KDIFF_PKG_QEMU_arm64 "qemu-system-arm")

foreach(arch IN LISTS KDIFF_ARCHES)
  if(NOT arch MATCHES "^(x86_64|arm64)$")
    message(FATAL_ERROR "KDIFF_ARCHES: unknown architecture '${arch}' (x86_64, arm64)")
  endif()
  kdiff_require_program(KDIFF_MUSL_GCC_${arch} ${KDIFF_MUSL_GCC_${arch}_NAME}
                        "${KDIFF_PKG_MUSL_${arch}}")
  kdiff_require_program(KDIFF_KERNEL_CC_${arch} ${KDIFF_KERNEL_CC_${arch}_NAME}
                        "${KDIFF_PKG_CC_${arch}}")
  kdiff_require_program(KDIFF_QEMU_${arch} ${KDIFF_QEMU_${arch}_NAME}
                        "${KDIFF_PKG_QEMU_${arch}}")
endforeach()
# The Linux reference always runs the x86-64 program, whatever arches are built.
kdiff_require_program(KDIFF_MUSL_GCC_x86_64 musl-gcc "musl-tools musl-dev")
kdiff_require_program(KDIFF_STRACE strace strace)

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(JANSSON QUIET IMPORTED_TARGET jansson)
endif()
if(NOT JANSSON_FOUND)
  message(FATAL_ERROR
    "kdiff needs libjansson (headers and pkg-config file).\n"
    "Install it with: apt-get install libjansson-dev pkg-config")
endif()

find_program(KDIFF_CLANG NAMES clang clang-14)
