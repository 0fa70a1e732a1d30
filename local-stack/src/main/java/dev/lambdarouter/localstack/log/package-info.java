/** The console every part of the stack writes to, one prefixed line at a time. */
package dev.lambdarouter.localstack.log;
