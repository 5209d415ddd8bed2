"""Events of a visit: the operations that create and change them."""
