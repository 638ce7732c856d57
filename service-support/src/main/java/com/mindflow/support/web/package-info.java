/** Small helpers about the HTTP request that several services need alike, and the in-flight limit. */
package com.mindflow.support.web;
