/** Small helpers about the HTTP request that several services need alike. */
package com.mindflow.support.web;
