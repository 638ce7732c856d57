/** Which accounts were erased, so that no sink lets a late or replayed event bring a user's data back. */
package com.mindflow.projection.erasure;
