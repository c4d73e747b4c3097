/* sockets.mmsg: sendmmsg and recvmmsg (sendmmsg(2), recvmmsg(2)) on
 * datagram sockets: sendmmsg sends each message and stores its length,
 * returns the count; recvmmsg fills each msghdr with one datagram and
 * its length; MSG_WAITFORONE returns once at least one came; with
 * MSG_DONTWAIT and nothing queued it is EAGAIN; a vector entry with a
 * bad buffer after good ones returns the count so far. */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "contract.h"

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  struct mmsghdr out[3];
  struct iovec oi[3] = {{"one", 3}, {"second", 6}, {"3", 1}};
  memset(out, 0, sizeof out);
  for (int i = 0; i < 3; i++) {
    out[i].msg_hdr.msg_iov = &oi[i];
    out[i].msg_hdr.msg_iovlen = 1;
  }
  long n = sendmmsg(sv[0], out, 3, 0);
  printf("sendmmsg %ld lens %u %u %u\n", n, out[0].msg_len, out[1].msg_len,
         out[2].msg_len);
  struct mmsghdr in[4];
  char bufs[4][16];
  struct iovec ii[4];
  memset(in, 0, sizeof in);
  for (int i = 0; i < 4; i++) {
    ii[i] = (struct iovec){bufs[i], sizeof bufs[i]};
    in[i].msg_hdr.msg_iov = &ii[i];
    in[i].msg_hdr.msg_iovlen = 1;
  }
  n = recvmmsg(sv[1], in, 4, MSG_WAITFORONE, 0);
  printf("recvmmsg WAITFORONE %ld:", n);
  for (int i = 0; i < n; i++)
    printf(" %.*s(%u)", (int)in[i].msg_len, bufs[i], in[i].msg_len);
  printf("\n");
  expect("recvmmsg nothing queued", rs(recvmmsg(sv[1], in, 4, MSG_DONTWAIT, 0)),
         "EAGAIN");
  sendmmsg(sv[0], out, 2, 0);
  n = recvmmsg(sv[1], in, 2, 0, 0);
  printf("recvmmsg of exactly 2: %ld\n", n);
  out[1].msg_hdr.msg_iov = (void *)8;
  n = sendmmsg(sv[0], out, 3, 0);
  printf("sendmmsg with a bad second entry: %ld\n", n);
  expect("sendmmsg bad first entry", rs(sendmmsg(sv[0], out + 1, 2, 0)),
         "EFAULT");
  expect("sendmmsg of none", rs(sendmmsg(sv[0], out, 0, 0)), "ok");
  return finish("sockets.mmsg");
}
