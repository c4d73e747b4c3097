/* The references file areas hold on their inodes (vma.h): each area of a
 * file kind holds one inode reference and counts in inode->mmaps, which
 * tells truncate whether any address space must be searched for mappings
 * (vm_unmap_file). A mapped file stays alive without a name or an open
 * descriptor until its last area goes. */
#include <libos/vfs.h>
#include <libos/vma.h>

void vma_file_ref(struct inode *file) {
  inode_get(file);
  file->mmaps++;
}

void vma_file_unref(struct inode *file) {
  file->mmaps--;
  inode_put(file);
}
