/** Web plumbing shared by query-service's features. */
package com.mindflow.query.web;
