# Freestanding x86-64 kernel: the host gcc, no libc, no red zone (interrupts
# arrive on the kernel stack), no SSE in kernel code (user FP state is left
# alone), the kernel code model (linked in the top 2 GiB).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_ASM_COMPILER gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-ffreestanding -fno-stack-protector -fno-pic -fno-pie -mno-red-zone -mcmodel=kernel -mgeneral-regs-only -fno-omit-frame-pointer -fno-asynchronous-unwind-tables")
set(CMAKE_ASM_FLAGS_INIT "-fno-pic -fno-pie")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 -Wl,--no-warn-rwx-segments")
