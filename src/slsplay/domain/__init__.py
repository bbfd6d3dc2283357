"""The product's rules: meetups, invitations and users, with no I/O of any kind."""
